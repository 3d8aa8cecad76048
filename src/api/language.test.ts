/** The language rule of the API's messages (docs/API.md, "Language"): Accept-Language's preferred language. */
import { expect, it } from 'vitest';
import { acceptedLanguage } from './language.js';

it('reads the preferred language of Accept-Language', () => {
  expect(acceptedLanguage(undefined)).toBe('es');
  expect(acceptedLanguage('en-US,en;q=0.9')).toBe('en');
  expect(acceptedLanguage('es-MX,es;q=0.9,en;q=0.8')).toBe('es');
  expect(acceptedLanguage('es;q=0.5, en;q=0.7')).toBe('en');
  expect(acceptedLanguage('fr')).toBe('es');
});
