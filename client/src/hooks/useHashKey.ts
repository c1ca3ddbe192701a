import { useLocation } from 'react-router';
import { keyFromHash } from '../lib/urls';

/** The moderator or stage key, carried in the URL fragment. */
export const useHashKey = () => keyFromHash(useLocation().hash);
