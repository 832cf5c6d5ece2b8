import type { Command } from '../src/discord/command';
import { deal } from './deal';
import { feeds } from './feeds';
import { createHelpCommand } from './help';
import { news } from './news';
import { subscribe } from './subscribe';
import { subscriptions } from './subscriptions';
import { unsubscribe } from './unsubscribe';

/** Every slash command, in the order /help lists them: used by the router and by deploy. */
export const commands: Command[] = [];
commands.push(deal, news, feeds, subscribe, unsubscribe, subscriptions, createHelpCommand(() => commands));
