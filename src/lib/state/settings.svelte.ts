// The 口径 in force for every figure. Defaults are the district's assessment rules.
import { defaultSettings, diffFromDefault, type MetricSettings } from '$lib/metrics';

export class SettingsState {
  current = $state.raw<MetricSettings>(defaultSettings());

  get nonDefault(): string[] {
    return diffFromDefault(this.current);
  }
}

export const settings = new SettingsState();
