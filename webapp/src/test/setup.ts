import { cleanup } from '@testing-library/preact';
import { afterEach } from 'vitest';

// @testing-library/preact only cleans up by itself when test globals are on.
afterEach(cleanup);
