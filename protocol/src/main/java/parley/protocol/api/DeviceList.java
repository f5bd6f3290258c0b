package parley.protocol.api;

import java.util.List;

/** {@code GET /api/devices}. */
public record DeviceList(List<DeviceInfo> devices) {
    public DeviceList {
        devices = List.copyOf(devices);
    }
}
