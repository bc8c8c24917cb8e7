// All strings, merged from one file per area so that pages can grow their own without touching
// each other's. A key must be unique across areas: prefix it with the area.
import * as compare from './compare';
import * as core from './core';
import * as dashboards from './dashboards';
import * as dashboardsGrid from './dashboards-grid';
import * as data from './data';
import * as definitions from './definitions';
import * as evaluation from './evaluation';
import * as exportMessages from './export';
import * as protection from './protection';
import * as rankings from './rankings';
import * as records from './records';
import * as review from './review';
import * as sql from './sql';
import * as targets from './targets';

export const zh = {
  ...compare.zh,
  ...core.zh,
  ...dashboards.zh,
  ...dashboardsGrid.zh,
  ...data.zh,
  ...definitions.zh,
  ...evaluation.zh,
  ...exportMessages.zh,
  ...protection.zh,
  ...rankings.zh,
  ...records.zh,
  ...review.zh,
  ...sql.zh,
  ...targets.zh,
} as const;

export type MessageKey = keyof typeof zh;

export const en: Record<MessageKey, string> = {
  ...compare.en,
  ...core.en,
  ...dashboards.en,
  ...dashboardsGrid.en,
  ...data.en,
  ...definitions.en,
  ...evaluation.en,
  ...exportMessages.en,
  ...protection.en,
  ...rankings.en,
  ...records.en,
  ...review.en,
  ...sql.en,
  ...targets.en,
};
