const STORAGE_KEY = 'dah.devUser';

/**
 * Development sign-in: `?as=<seed user id>` in the address picks the user and is remembered on
 * this device. The API honours it only outside production; the identity work replaces it with
 * device pairing and console log-in.
 */
export function devUserId(
  location: Location = window.location,
  storage: Storage = window.localStorage,
): string | null {
  const fromUrl = new URLSearchParams(location.search).get('as');
  if (fromUrl) {
    storage.setItem(STORAGE_KEY, fromUrl);
    return fromUrl;
  }
  return storage.getItem(STORAGE_KEY);
}
