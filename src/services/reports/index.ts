/** The reports wing: 911 statistics, the campus card, the group sheet's PDF and XLSX. The door api and cli import from. */
export * from './generate.js';
export * from './group-sheet-pdf.js';
export * from './group-sheet-xlsx.js';
