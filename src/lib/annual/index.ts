// The annual ranking report (issue 15): rankings with rank change and YoY, targets met or missed,
// each township's largest driver of change, exported as a deck and a workbook.
export { annualRows, largestDrivers, yearPeriod } from './rows';
export type { AnnualRow, RankedRow } from './rows';
export { annualRankingQuery, annualDriverQuery } from './sql';
export { annualTable, annualDeck } from './report';
export type { Translate } from './report';
