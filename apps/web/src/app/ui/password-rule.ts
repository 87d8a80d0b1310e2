/**
 * The password rule on its own, for a dynamic import: the rest of @vmsp/domain is small and imported
 * statically, while this part brings ~2.4 MB of dictionaries that only password forms need.
 */
export { judgePassword, MIN_PASSWORD_LENGTH } from '@vmsp/domain';
