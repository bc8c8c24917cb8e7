// Personal data: what it is and how it is masked. Every reader (screen, console, exports, the
// review pack) goes through here.
export { identifiesPerson, maskAddress, maskFreeText, maskIdNumber, maskName, maskPersonal, maskPhone } from './mask';
export type { PersonalKind } from './mask';
export { maskCell, personalKindOf } from './columns';
export type { MaskableColumn } from './columns';
