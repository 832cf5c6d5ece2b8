import type { Command } from '../src/discord/command';
import { feeds } from './feeds';
import { createHelpCommand } from './help';
import { subscribe } from './subscribe';
import { subscriptions } from './subscriptions';
import { unsubscribe } from './unsubscribe';

/** Every slash command, in the order /help lists them: used by the router and by deploy. */
export const commands: Command[] = [];
commands.push(feeds, subscribe, unsubscribe, subscriptions, createHelpCommand(() => commands));
