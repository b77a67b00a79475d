/**
 * Finding one resident among a whole care home's (up to 150) on the kiosk: by room number, by
 * name, or by the last digits of the ID card (issue 17). Pure, so it is tested without a browser.
 */
export interface FindableResident {
  displayName: string;
  /** The care home's address of the room, e.g. 东河镇敬老院2号楼105室. */
  address: string;
  /** The ID card's last characters (the readings work's identification), when known. */
  idCardSuffix?: string | null;
}

/** The room number in an address: the digits just before 室 (or the address's last digits). */
export function roomOf(address: string): string {
  const room = /(\d+)\s*室/.exec(address) ?? /(\d+)\D*$/.exec(address);
  return room?.[1] ?? '';
}

/**
 * Whether a resident fits what was typed. Digits: the room number starts with them, or the ID
 * card ends with them (the way people say it: 尾号); anything else: a part of the name.
 */
export function residentMatches(resident: FindableResident, query: string): boolean {
  const wanted = query.replace(/\s+/g, '');
  if (!wanted) return true;
  if (/^\d+$/.test(wanted)) {
    const suffix = (resident.idCardSuffix ?? '').toUpperCase();
    return roomOf(resident.address).startsWith(wanted) || (suffix !== '' && suffix.endsWith(wanted));
  }
  return resident.displayName.toLowerCase().includes(wanted.toLowerCase());
}

/** The residents that fit, in the order given. */
export function findResidents<T extends FindableResident>(residents: readonly T[], query: string): T[] {
  return residents.filter((resident) => residentMatches(resident, query));
}
