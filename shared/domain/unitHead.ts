/**
 * Who heads a unit: a position that heads it or deputises for its head (Trưởng phòng, Phó Chánh Văn phòng, Giám đốc
 * sở…). Staff records carry a free-text position, not a rank, so the position's first words decide.
 */
const UNIT_HEAD = /^(trưởng|phó trưởng|chánh|phó chánh|giám đốc|phó giám đốc)(\s|$)/iu;

export const isUnitHeadPosition = (position: string): boolean => UNIT_HEAD.test(position.trim());
