// The names live in shared/ so that server renderings (tracked changes' authors) say the same.
export { delegationName, languageName } from '../../shared/model/delegationNames';
