// `npm run web`: browser mode from the command line.
import { parseArgs } from 'node:util';
import { runBrowserMode } from './browser-mode';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' },
  },
});

await runBrowserMode({ host: values.host ?? '127.0.0.1', port: Number(values.port ?? 0) });
