import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api } from './api';
import type { Role, UserDoc } from './types';

export interface Newsroom {
  api: Api;
  user: UserDoc;
  logout(): Promise<void>;
  /** Reads the signed-in user again (after a change to the account). */
  refreshUser(): Promise<void>;
}

export const NewsroomContext = createContext<Newsroom | undefined>(undefined);

export function useNewsroom(): Newsroom {
  const newsroom = useContext(NewsroomContext);
  if (!newsroom) throw new Error('useNewsroom outside a signed-in newsroom');
  return newsroom;
}

/** What a role may do; the server checks every action again (a hidden button is not a rule). */
export function canPublish(role: Role): boolean {
  return role === 'editor' || role === 'admin';
}

export function isAdmin(role: Role): boolean {
  return role === 'admin';
}
