/** Discord's limits on message bodies (create, edit, interaction responses, webhook messages). */
import { isRecord } from './api-types';
import type { FieldProblem } from './discord-error';
import type { Path } from './limit-checks';
import { ProblemList, textLength } from './limit-checks';

export const MessageLimits = {
  content: 2000,
  nonce: 25,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  rowButtons: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  selectPlaceholder: 150,
  selectOptionText: 100,
  allowedMentionIds: 100,
  v2Components: 40,
} as const;

const MESSAGE_FLAG_EPHEMERAL = 1 << 6;
const MESSAGE_FLAG_COMPONENTS_V2 = 1 << 15;
const SETTABLE_FLAGS = (1 << 2) | (1 << 12) | (1 << 13) | MESSAGE_FLAG_COMPONENTS_V2;

export interface MessageCheckOptions {
  /** Interaction responses and follow-ups may set the ephemeral flag. */
  allowEphemeral?: boolean;
}

function checkEmbed(p: ProblemList, path: Path, embed: unknown): number {
  const e = p.object(path, embed);
  if (!e) return 0;
  let total = 0;
  const count = (s: string | undefined) => {
    if (s !== undefined) total += textLength(s);
  };
  count(p.string([...path, 'title'], e.title, { max: MessageLimits.embedTitle }));
  count(p.string([...path, 'description'], e.description, { max: MessageLimits.embedDescription }));
  p.url([...path, 'url'], e.url);
  p.integer([...path, 'color'], e.color, { min: 0, max: 0xffffff });
  if (e.timestamp !== undefined && e.timestamp !== null && (typeof e.timestamp !== 'string' || Number.isNaN(Date.parse(e.timestamp)))) {
    p.add([...path, 'timestamp'], 'DATE_TYPE_PARSE', `Could not parse ${String(e.timestamp)}. Should be ISO8601.`);
  }
  const footer = p.object([...path, 'footer'], e.footer);
  if (footer) {
    count(p.string([...path, 'footer', 'text'], footer.text, { min: 1, max: MessageLimits.footerText, required: true }));
    p.url([...path, 'footer', 'icon_url'], footer.icon_url, { allowAttachment: true });
  }
  const author = p.object([...path, 'author'], e.author);
  if (author) {
    count(p.string([...path, 'author', 'name'], author.name, { min: 1, max: MessageLimits.authorName, required: true }));
    p.url([...path, 'author', 'url'], author.url);
    p.url([...path, 'author', 'icon_url'], author.icon_url, { allowAttachment: true });
  }
  for (const key of ['image', 'thumbnail'] as const) {
    const media = p.object([...path, key], e[key]);
    if (media) p.url([...path, key, 'url'], media.url, { allowAttachment: true });
  }
  const fields = p.list([...path, 'fields'], e.fields, { max: MessageLimits.embedFields }) ?? [];
  fields.forEach((field, i) => {
    const f = p.object([...path, 'fields', i], field, true);
    if (!f) return;
    count(p.string([...path, 'fields', i, 'name'], f.name, { min: 1, max: MessageLimits.fieldName, required: true, nonBlank: true }));
    count(p.string([...path, 'fields', i, 'value'], f.value, { min: 1, max: MessageLimits.fieldValue, required: true, nonBlank: true }));
    if (f.inline !== undefined && typeof f.inline !== 'boolean') p.add([...path, 'fields', i, 'inline'], 'BASE_TYPE_BOOLEAN', 'Must be either true or false.');
  });
  return total;
}

function checkButton(p: ProblemList, path: Path, c: Record<string, unknown>, ids: Set<string>): void {
  const style = p.integer([...path, 'style'], c.style, { min: 1, max: 6 });
  p.string([...path, 'label'], c.label, { max: MessageLimits.buttonLabel });
  if (style === 5) {
    if (c.custom_id !== undefined) p.add([...path, 'custom_id'], 'COMPONENT_LINK_BUTTON_CUSTOM_ID', 'A link button cannot have a custom_id.');
    if (c.url === undefined) p.add([...path, 'url'], 'BASE_TYPE_REQUIRED', 'This field is required');
    else p.url([...path, 'url'], c.url);
  } else if (style !== 6) {
    checkCustomId(p, [...path, 'custom_id'], c.custom_id, ids);
    if (c.url !== undefined) p.add([...path, 'url'], 'COMPONENT_BUTTON_URL', 'Only link buttons can have a url.');
  }
  if (style !== 6 && (c.label === undefined || c.label === '') && c.emoji === undefined) {
    p.add([...path, 'label'], 'BASE_TYPE_REQUIRED', 'A button needs a label or an emoji.');
  }
}

function checkCustomId(p: ProblemList, path: Path, value: unknown, ids: Set<string>): void {
  const id = p.string(path, value, { min: 1, max: MessageLimits.customId, required: true });
  if (id === undefined) return;
  if (ids.has(id)) p.add(path, 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
  ids.add(id);
}

function checkSelect(p: ProblemList, path: Path, c: Record<string, unknown>, ids: Set<string>): void {
  checkCustomId(p, [...path, 'custom_id'], c.custom_id, ids);
  p.string([...path, 'placeholder'], c.placeholder, { max: MessageLimits.selectPlaceholder });
  p.integer([...path, 'min_values'], c.min_values, { min: 0, max: 25 });
  p.integer([...path, 'max_values'], c.max_values, { min: 1, max: 25 });
  if (c.type !== 3) return;
  const options = p.list([...path, 'options'], c.options, { min: 1, max: MessageLimits.selectOptions, required: true }) ?? [];
  options.forEach((option, i) => {
    const o = p.object([...path, 'options', i], option, true);
    if (!o) return;
    p.string([...path, 'options', i, 'label'], o.label, { min: 1, max: MessageLimits.selectOptionText, required: true });
    p.string([...path, 'options', i, 'value'], o.value, { min: 1, max: MessageLimits.selectOptionText, required: true });
    p.string([...path, 'options', i, 'description'], o.description, { max: MessageLimits.selectOptionText });
  });
}

function checkActionRows(p: ProblemList, components: unknown[]): void {
  const ids = new Set<string>();
  if (components.length > MessageLimits.actionRows) {
    p.add(['components'], 'BASE_TYPE_MAX_LENGTH', `Must be ${MessageLimits.actionRows} or fewer in length.`);
  }
  components.forEach((row, i) => {
    const r = p.object(['components', i], row, true);
    if (!r) return;
    if (r.type !== 1) {
      p.add(['components', i, 'type'], 'UNION_TYPE_CHOICES', 'Top-level components must be action rows (type 1) unless IS_COMPONENTS_V2 is set.');
      return;
    }
    const children = p.list(['components', i, 'components'], r.components, { min: 1, max: MessageLimits.rowButtons, required: true }) ?? [];
    const selects = children.filter((c) => isRecord(c) && typeof c.type === 'number' && c.type >= 3 && c.type <= 8 && c.type !== 4);
    if (selects.length > 0 && children.length > 1) {
      p.add(['components', i, 'components'], 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'A select menu must be alone in its action row.');
    }
    children.forEach((child, j) => {
      const path = ['components', i, 'components', j];
      const c = p.object(path, child, true);
      if (!c) return;
      if (c.type === 2) checkButton(p, path, c, ids);
      else if (typeof c.type === 'number' && [3, 5, 6, 7, 8].includes(c.type)) checkSelect(p, path, c, ids);
      else p.add([...path, 'type'], 'UNION_TYPE_CHOICES', `Component type ${String(c.type)} is not allowed in an action row.`);
    });
  });
}

function countComponents(list: unknown[]): number {
  let n = 0;
  for (const c of list) {
    n += 1;
    if (isRecord(c)) {
      if (Array.isArray(c.components)) n += countComponents(c.components);
      if (isRecord(c.accessory)) n += 1;
    }
  }
  return n;
}

function checkAllowedMentions(p: ProblemList, value: unknown): void {
  const am = p.object(['allowed_mentions'], value);
  if (!am) return;
  const parse = p.list(['allowed_mentions', 'parse'], am.parse, { max: 3 }) ?? [];
  parse.forEach((entry, i) => {
    if (entry !== 'users' && entry !== 'roles' && entry !== 'everyone') {
      p.add(['allowed_mentions', 'parse', i], 'ENUM_TYPE_COERCE', `Value "${String(entry)}" is not a valid enum value.`);
    }
  });
  for (const kind of ['users', 'roles'] as const) {
    const ids = p.list(['allowed_mentions', kind], am[kind], { max: MessageLimits.allowedMentionIds });
    if (ids && ids.length > 0 && parse.includes(kind)) {
      p.add(['allowed_mentions', kind], 'ALLOWED_MENTIONS_PARSE_EXCLUSIVE', `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`);
    }
  }
}

/** Every limit a message body can break. An empty list means Discord would accept it. */
export function checkMessageBody(body: Record<string, unknown>, options: MessageCheckOptions = {}): FieldProblem[] {
  const p = new ProblemList();
  p.string(['content'], body.content, { max: MessageLimits.content });
  if (body.nonce !== undefined && body.nonce !== null) {
    if (typeof body.nonce === 'string') p.string(['nonce'], body.nonce, { max: MessageLimits.nonce });
    else if (typeof body.nonce !== 'number' || !Number.isInteger(body.nonce)) p.add(['nonce'], 'BASE_TYPE_CHOICES', 'Nonce must be a string or an integer.');
  }
  const embeds = p.list(['embeds'], body.embeds, { max: MessageLimits.embeds }) ?? [];
  let total = 0;
  embeds.forEach((embed, i) => {
    total += checkEmbed(p, ['embeds', i], embed);
  });
  if (total > MessageLimits.embedTotal) {
    p.add(['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${MessageLimits.embedTotal}`);
  }
  const flags = p.integer(['flags'], body.flags, { min: 0 }) ?? 0;
  const allowedFlags = SETTABLE_FLAGS | (options.allowEphemeral ? MESSAGE_FLAG_EPHEMERAL : 0);
  if (flags & ~allowedFlags) p.add(['flags'], 'MESSAGE_FLAGS_INVALID', `Flags ${flags & ~allowedFlags} cannot be set here.`);
  const components = p.list(['components'], body.components, { max: flags & MESSAGE_FLAG_COMPONENTS_V2 ? MessageLimits.v2Components : 100 }) ?? [];
  if (flags & MESSAGE_FLAG_COMPONENTS_V2) {
    if (countComponents(components) > MessageLimits.v2Components) p.add(['components'], 'COMPONENTS_TOO_MANY', `A message can hold at most ${MessageLimits.v2Components} components.`);
    for (const key of ['content', 'embeds', 'poll', 'sticker_ids'] as const) {
      const v = body[key];
      if (v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0) && v !== '') {
        p.add([key], 'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2', `${key} cannot be used with IS_COMPONENTS_V2.`);
      }
    }
  } else {
    checkActionRows(p, components);
  }
  checkAllowedMentions(p, body.allowed_mentions);
  return p.items;
}

/** Autocomplete results: at most 25 choices, each name 1 to 100, a string value at most 100. */
export function checkAutocompleteResult(data: Record<string, unknown>): FieldProblem[] {
  const p = new ProblemList();
  const choices = p.list(['data', 'choices'], data.choices, { max: 25, required: true }) ?? [];
  choices.forEach((choice, i) => {
    const c = p.object(['data', 'choices', i], choice, true);
    if (!c) return;
    p.string(['data', 'choices', i, 'name'], c.name, { min: 1, max: 100, required: true });
    if (typeof c.value === 'string') p.string(['data', 'choices', i, 'value'], c.value, { max: 100 });
    else if (typeof c.value !== 'number') p.add(['data', 'choices', i, 'value'], 'BASE_TYPE_REQUIRED', 'This field is required');
  });
  return p.items;
}

/** A modal: title at most 45, custom_id at most 100, 1 to 5 top-level components. */
export function checkModal(data: Record<string, unknown>): FieldProblem[] {
  const p = new ProblemList();
  p.string(['data', 'title'], data.title, { min: 1, max: 45, required: true });
  p.string(['data', 'custom_id'], data.custom_id, { min: 1, max: 100, required: true });
  p.list(['data', 'components'], data.components, { min: 1, max: 5, required: true });
  return p.items;
}

/** Prefix every problem's path, e.g. with ['data'] for an interaction callback. */
export function nestProblems(prefix: (string | number)[], problems: FieldProblem[]): FieldProblem[] {
  return problems.map((problem) => ({ ...problem, path: [...prefix, ...problem.path] }));
}
