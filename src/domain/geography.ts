/**
 * Mexico's 32 states with their INEGI codes (cve_ent), the two-letter code used in the CURP, and the HASC
 * code used by the map geometry (assets/data/mx-states).
 */
export interface StateInfo {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly shortName: string;
  readonly curpCode: string;
  readonly hasc: string;
}

const ROWS: readonly [string, string, string, string][] = [
  ['Aguascalientes', 'Aguascalientes', 'AS', 'MX.AG'],
  ['Baja California', 'Baja California', 'BC', 'MX.BN'],
  ['Baja California Sur', 'Baja California Sur', 'BS', 'MX.BS'],
  ['Campeche', 'Campeche', 'CC', 'MX.CM'],
  ['Coahuila de Zaragoza', 'Coahuila', 'CL', 'MX.CA'],
  ['Colima', 'Colima', 'CM', 'MX.CL'],
  ['Chiapas', 'Chiapas', 'CS', 'MX.CP'],
  ['Chihuahua', 'Chihuahua', 'CH', 'MX.CH'],
  ['Ciudad de México', 'Ciudad de México', 'DF', 'MX.DF'],
  ['Durango', 'Durango', 'DG', 'MX.DU'],
  ['Guanajuato', 'Guanajuato', 'GT', 'MX.GJ'],
  ['Guerrero', 'Guerrero', 'GR', 'MX.GR'],
  ['Hidalgo', 'Hidalgo', 'HG', 'MX.HI'],
  ['Jalisco', 'Jalisco', 'JC', 'MX.JA'],
  ['México', 'Estado de México', 'MC', 'MX.MX'],
  ['Michoacán de Ocampo', 'Michoacán', 'MN', 'MX.MC'],
  ['Morelos', 'Morelos', 'MS', 'MX.MR'],
  ['Nayarit', 'Nayarit', 'NT', 'MX.NA'],
  ['Nuevo León', 'Nuevo León', 'NL', 'MX.NL'],
  ['Oaxaca', 'Oaxaca', 'OC', 'MX.OA'],
  ['Puebla', 'Puebla', 'PL', 'MX.PU'],
  ['Querétaro', 'Querétaro', 'QT', 'MX.QE'],
  ['Quintana Roo', 'Quintana Roo', 'QR', 'MX.QR'],
  ['San Luis Potosí', 'San Luis Potosí', 'SP', 'MX.SL'],
  ['Sinaloa', 'Sinaloa', 'SL', 'MX.SI'],
  ['Sonora', 'Sonora', 'SR', 'MX.SO'],
  ['Tabasco', 'Tabasco', 'TC', 'MX.TB'],
  ['Tamaulipas', 'Tamaulipas', 'TS', 'MX.TM'],
  ['Tlaxcala', 'Tlaxcala', 'TL', 'MX.TL'],
  ['Veracruz de Ignacio de la Llave', 'Veracruz', 'VZ', 'MX.VE'],
  ['Yucatán', 'Yucatán', 'YN', 'MX.YU'],
  ['Zacatecas', 'Zacatecas', 'ZS', 'MX.ZA'],
];

export const STATES: readonly StateInfo[] = ROWS.map(([name, shortName, curpCode, hasc], i) => ({
  id: i + 1,
  code: String(i + 1).padStart(2, '0'),
  name,
  shortName,
  curpCode,
  hasc,
}));

export function stateById(id: number): StateInfo | undefined {
  return STATES[id - 1];
}
