// api.js: the HTTP JSON API (accounts, chats, groups, message info, privacy). A failed call throws an
// ApiError carrying the server's error code and its human message, ready to show.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/**
 * One JSON call: resolves with the answer's body (null for 204), or throws an ApiError (status 0
 * and code 'network' when the server could not be reached). The long-poll link and uploads use it too.
 */
export async function call(method, path, { body, token, signal } = {}) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      signal,
    });
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach the server. Check your connection and try again.');
  }
  if (response.status === 204) return null;
  let data = null;
  try {
    data = await response.json();
  } catch {
    // a non-JSON body: only the status says what happened
  }
  if (!response.ok) {
    throw new ApiError(response.status, data?.code ?? 'internal',
      data?.message ?? `The server answered ${response.status}.`);
  }
  return data;
}

/** 201 {userId, username}. */
export function register(username, password) {
  return call('POST', '/api/register', { body: { username, password } });
}

/** {token, userId, username, deviceId}: a new device. */
export function login(username, password, deviceName) {
  return call('POST', '/api/login', { body: { username, password, deviceName } });
}

/** Ends this device's session; its token stops working. */
export function logout(token) {
  return call('POST', '/api/logout', { token });
}

/** The one-on-one chat with a user (a ChatSummary), created on first use. */
export function openDirect(token, username) {
  return call('POST', '/api/chats/direct', { token, body: { username } });
}

/** {presence: everyone | contacts | nobody}: who may see my online status and last seen. */
export function getPrivacy(token) {
  return call('GET', '/api/me/privacy', { token });
}

export function setPrivacy(token, presence) {
  return call('PUT', '/api/me/privacy', { token, body: { presence } });
}

/** 201 the new group's ChatSummary. */
export function createGroup(token, title, memberIds) {
  return call('POST', '/api/groups', { token, body: { title, memberIds, membersCanAdd: false } });
}

/** GroupMembers: {chatId, title, membersCanAdd, members: [{userId, username, role, joinedAt, joinedSeq}]}. */
export function groupMembers(token, chatId) {
  return call('GET', `/api/chats/${chatId}/members`, { token });
}

export function addMembers(token, chatId, userIds) {
  return call('POST', `/api/chats/${chatId}/members`, { token, body: { userIds } });
}

export function removeMember(token, chatId, userId) {
  return call('DELETE', `/api/chats/${chatId}/members/${userId}`, { token });
}

export function leaveGroup(token, chatId) {
  return call('POST', `/api/chats/${chatId}/leave`, { token });
}

export function renameGroup(token, chatId, title) {
  return call('POST', `/api/chats/${chatId}/title`, { token, body: { title } });
}

export function setAdmin(token, chatId, userId, admin) {
  return call(admin ? 'POST' : 'DELETE', `/api/chats/${chatId}/admins/${userId}`, { token });
}

/** Message info: {chatId, seq, members: [{userId, username, delivered, deliveredAt?, read, readAt?}]}. */
export function messageInfo(token, chatId, seq) {
  return call('GET', `/api/chats/${chatId}/messages/${seq}/info`, { token });
}
