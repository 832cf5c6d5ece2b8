/** A logged-in client's transport has a REST client of its own: stopping the bot must stop it too. */
import { createDiscordClient } from '../../src/discord/client';
import { createClientTransport } from '../../src/discord/discord-transport';
import { createSilentLogger } from '../../src/logger';

describe('a client transport once the bot stops', () => {
  it('leaves no timer behind: the REST client of its own stops sweeping with it', async () => {
    jest.useFakeTimers();
    try {
      const client = createDiscordClient({ log: createSilentLogger() });
      const transport = createClientTransport(client, 'token', undefined);
      await client.destroy();
      const pending = jest.getTimerCount();
      transport.close();
      expect(jest.getTimerCount()).toBe(pending - 2); // its REST client's two sweep intervals
    } finally {
      jest.useRealTimers();
    }
  });
});
