import { defineConfig } from '@playwright/test';
import journeys from './playwright.config.ts';

// `npm run screenshots`: the journeys' browser and settings, for the screenshots script only.
export default defineConfig({ ...journeys, testMatch: 'screenshots.spec.ts', testIgnore: [] });
