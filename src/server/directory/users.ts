import { precompiled } from '../db/precompiled.js';
import type { Db } from '../db/types.js';
import type { Role } from '../../shared/roles.js';

export interface UserWithOrganisation {
  id: string;
  role: Role;
  displayName: string;
  organisationId: string;
  organisationName: string;
  username: string | null;
}

const userColumns = [
  'users.id',
  'users.role',
  'users.displayName',
  'users.organisationId',
  'users.username',
] as const;

// Every request with a session runs this: compiled once (db/precompiled.ts).
const userById = precompiled((db, id) =>
  db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisationId')
    .select([...userColumns, 'organisations.name as organisationName'])
    .where('users.id', '=', id),
);

export async function findUser(db: Db, id: string): Promise<UserWithOrganisation | undefined> {
  return (await userById(db, id))[0];
}

export function listUsers(db: Db): Promise<UserWithOrganisation[]> {
  return db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisationId')
    .select([...userColumns, 'organisations.name as organisationName'])
    .orderBy('users.role')
    .orderBy('users.id')
    .execute();
}
