package parley.server.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import parley.protocol.ErrorCode;
import parley.protocol.model.MemberRole;
import parley.protocol.model.SystemEvent;
import parley.protocol.model.SystemEventType;

/**
 * Who may change what in a group, and what a change does: pure decisions on a snapshot of the group,
 * taken inside the transaction that holds the chat's lock. The actor is known to be a member.
 */
final class GroupRules {

    private GroupRules() {
    }

    /** A member, as loaded: longest-standing first in {@link Group#members()}. */
    record Member(long userId, MemberRole role, long joinedSeq, long joinedAt) {
    }

    record Group(long chatId, String title, boolean membersCanAdd, long lastSeq, List<Member> members) {
        Optional<Member> member(long userId) {
            return members.stream().filter(m -> m.userId() == userId).findFirst();
        }

        boolean isAdmin(long userId) {
            return member(userId).map(m -> m.role() == MemberRole.ADMIN).orElse(false);
        }
    }

    /** What to write: members to remove and add, roles to set, a new title, and the system event. */
    record Decision(List<Long> removed, List<Long> added, Map<Long, MemberRole> roles, String title,
                    Optional<SystemEvent> event) {
        static Decision nothing() {
            return new Decision(List.of(), List.of(), Map.of(), null, Optional.empty());
        }
    }

    static final class RefusedException extends Exception {
        private final ErrorCode code;

        RefusedException(ErrorCode code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        ErrorCode code() {
            return code;
        }
    }

    static Decision decide(Group group, GroupCommand command, int maxMembers) throws RefusedException {
        long actor = command.actorId();
        return switch (command) {
            case GroupCommand.Create c -> throw new IllegalArgumentException("a create is not a change");
            case GroupCommand.Add add -> {
                if (!group.isAdmin(actor) && !group.membersCanAdd()) {
                    throw new RefusedException(ErrorCode.FORBIDDEN, "only admins add members to this group");
                }
                Set<Long> added = new LinkedHashSet<>(add.userIds());
                if (added.isEmpty()) {
                    throw new RefusedException(ErrorCode.INVALID_REQUEST, "userIds is empty");
                }
                for (long userId : added) {
                    if (group.member(userId).isPresent()) {
                        throw new RefusedException(ErrorCode.ALREADY_MEMBER, "user " + userId + " is a member already");
                    }
                }
                if (group.members().size() + added.size() > maxMembers) {
                    throw new RefusedException(ErrorCode.GROUP_FULL, "a group holds at most " + maxMembers
                            + " members; it has " + group.members().size());
                }
                yield new Decision(List.of(), List.copyOf(added), Map.of(), null,
                        Optional.of(new SystemEvent(SystemEventType.ADDED, actor, List.copyOf(added), null)));
            }
            case GroupCommand.Remove remove -> {
                requireAdmin(group, actor);
                if (remove.userId() == actor) {
                    throw new RefusedException(ErrorCode.INVALID_REQUEST, "to remove yourself, leave the group");
                }
                if (group.member(remove.userId()).isEmpty()) {
                    throw new RefusedException(ErrorCode.NOT_MEMBER, "user " + remove.userId() + " is not a member");
                }
                yield new Decision(List.of(remove.userId()), List.of(), Map.of(), null, Optional.of(
                        new SystemEvent(SystemEventType.REMOVED, actor, List.of(remove.userId()), null)));
            }
            case GroupCommand.Leave leave -> {
                List<Long> targets = new ArrayList<>(List.of(actor));
                Map<Long, MemberRole> roles = new LinkedHashMap<>();
                boolean lastAdmin = group.isAdmin(actor) && group.members().stream()
                        .noneMatch(m -> m.userId() != actor && m.role() == MemberRole.ADMIN);
                if (lastAdmin) {
                    group.members().stream().filter(m -> m.userId() != actor).findFirst().ifPresent(heir -> {
                        roles.put(heir.userId(), MemberRole.ADMIN);
                        targets.add(heir.userId());
                    });
                }
                yield new Decision(List.of(actor), List.of(), roles, null,
                        Optional.of(new SystemEvent(SystemEventType.LEFT, actor, targets, null)));
            }
            case GroupCommand.Rename rename -> {
                requireAdmin(group, actor);
                yield new Decision(List.of(), List.of(), Map.of(), rename.title(),
                        Optional.of(new SystemEvent(SystemEventType.RENAMED, actor, List.of(), rename.title())));
            }
            case GroupCommand.SetAdmin set -> {
                requireAdmin(group, actor);
                Member target = group.member(set.userId()).orElseThrow(() -> new RefusedException(
                        ErrorCode.NOT_MEMBER, "user " + set.userId() + " is not a member"));
                MemberRole role = set.admin() ? MemberRole.ADMIN : MemberRole.MEMBER;
                if (target.role() == role) {
                    yield Decision.nothing();
                }
                if (!set.admin() && group.members().stream().filter(m -> m.role() == MemberRole.ADMIN).count() == 1) {
                    throw new RefusedException(ErrorCode.INVALID_REQUEST, "a group keeps at least one admin");
                }
                yield new Decision(List.of(), List.of(), Map.of(set.userId(), role), null, Optional.of(
                        new SystemEvent(set.admin() ? SystemEventType.ADMIN_GRANTED : SystemEventType.ADMIN_REVOKED,
                                actor, List.of(set.userId()), null)));
            }
        };
    }

    private static void requireAdmin(Group group, long actor) throws RefusedException {
        if (!group.isAdmin(actor)) {
            throw new RefusedException(ErrorCode.FORBIDDEN, "only admins may do this");
        }
    }
}
