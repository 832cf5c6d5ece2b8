/** Discord's rules for application command definitions (bulk overwrite and create). */
import { isRecord } from './api-types';
import type { FieldProblem } from './discord-error';
import type { Path } from './limit-checks';
import { ProblemList, textLength } from './limit-checks';

/** The documented pattern for CHAT_INPUT command and option names (with the unicode flag). */
const CHAT_INPUT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const MAX_COMMAND_CHARS = 8000;
const SUB_COMMAND = 1;
const SUB_COMMAND_GROUP = 2;
const CHOICE_TYPES = [3, 4, 10];

function checkChatInputName(p: ProblemList, path: Path, value: unknown): string | undefined {
  const name = p.string(path, value, { min: 1, max: 32, required: true });
  if (name === undefined) return undefined;
  if (!CHAT_INPUT_NAME.test(name)) p.add(path, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  else if (name !== name.toLowerCase()) p.add(path, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name must be lowercase');
  return name;
}

function checkLocalizations(p: ProblemList, path: Path, value: unknown, check: (path: Path, v: unknown) => void): void {
  if (value === undefined || value === null) return;
  if (!isRecord(value)) {
    p.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return;
  }
  for (const [locale, text] of Object.entries(value)) check([...path, locale], text);
}

/** The longest of a field and its localizations: what counts towards the 8000-character size. */
function longest(value: unknown, localizations: unknown): number {
  let n = typeof value === 'string' ? textLength(value) : 0;
  if (isRecord(localizations)) for (const v of Object.values(localizations)) if (typeof v === 'string') n = Math.max(n, textLength(v));
  return n;
}

function checkChoices(p: ProblemList, path: Path, o: Record<string, unknown>, type: number): number {
  const choices = p.list([...path, 'choices'], o.choices, { max: 25 });
  if (!choices) return 0;
  if (!CHOICE_TYPES.includes(type)) p.add([...path, 'choices'], 'APPLICATION_COMMAND_OPTION_CHOICES_INVALID', 'Only string, integer and number options can have choices.');
  if (o.autocomplete === true && choices.length > 0) p.add([...path, 'autocomplete'], 'APPLICATION_COMMAND_AUTOCOMPLETE_CHOICES', 'Autocomplete cannot be set with choices.');
  let chars = 0;
  choices.forEach((choice, i) => {
    const c = p.object([...path, 'choices', i], choice, true);
    if (!c) return;
    p.string([...path, 'choices', i, 'name'], c.name, { min: 1, max: 100, required: true });
    checkLocalizations(p, [...path, 'choices', i, 'name_localizations'], c.name_localizations, (lp, v) => p.string(lp, v, { min: 1, max: 100 }));
    if (typeof c.value === 'string') p.string([...path, 'choices', i, 'value'], c.value, { max: 100 });
    else if (typeof c.value !== 'number') p.add([...path, 'choices', i, 'value'], 'BASE_TYPE_REQUIRED', 'This field is required');
    chars += longest(c.name, c.name_localizations) + (typeof c.value === 'string' ? textLength(c.value) : String(c.value ?? '').length);
  });
  return chars;
}

/** Checks a list of options at one level; returns the characters counted towards the size limit. */
function checkOptions(p: ProblemList, path: Path, value: unknown, depth: number): number {
  const options = p.list(path, value, { max: 25 });
  if (!options) return 0;
  let chars = 0;
  const names = new Set<string>();
  let sawOptional = false;
  const kinds = new Set<'sub' | 'value'>();
  options.forEach((option, i) => {
    const op: Path = [...path, i];
    const o = p.object(op, option, true);
    if (!o) return;
    const type = p.integer([...op, 'type'], o.type, { min: 1, max: 11 }) ?? 0;
    if (o.type === undefined) p.add([...op, 'type'], 'BASE_TYPE_REQUIRED', 'This field is required');
    const name = checkChatInputName(p, [...op, 'name'], o.name);
    if (name !== undefined) {
      if (names.has(name)) p.add([...op, 'name'], 'APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS', 'Option names must be unique');
      names.add(name);
    }
    checkLocalizations(p, [...op, 'name_localizations'], o.name_localizations, (lp, v) => checkChatInputName(p, lp, v));
    p.string([...op, 'description'], o.description, { min: 1, max: 100, required: true });
    checkLocalizations(p, [...op, 'description_localizations'], o.description_localizations, (lp, v) => p.string(lp, v, { min: 1, max: 100 }));
    chars += longest(o.name, o.name_localizations) + longest(o.description, o.description_localizations);
    const isSub = type === SUB_COMMAND || type === SUB_COMMAND_GROUP;
    kinds.add(isSub ? 'sub' : 'value');
    if (isSub) {
      if (depth >= 2 || (depth === 1 && type === SUB_COMMAND_GROUP)) {
        p.add([...op, 'type'], 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Sub-commands cannot be nested this deep.');
      }
      if (type === SUB_COMMAND_GROUP && Array.isArray(o.options) && o.options.some((c) => !isRecord(c) || c.type !== SUB_COMMAND)) {
        p.add([...op, 'options'], 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'A sub-command group may only contain sub-commands.');
      }
      chars += checkOptions(p, [...op, 'options'], o.options, depth + 1);
    } else {
      if (o.options !== undefined) p.add([...op, 'options'], 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Only sub-commands and groups can have options.');
      if (o.required === true && sawOptional) p.add([...op, 'required'], 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
      if (o.required !== true) sawOptional = true;
      if (o.autocomplete === true && !CHOICE_TYPES.includes(type)) p.add([...op, 'autocomplete'], 'APPLICATION_COMMAND_AUTOCOMPLETE_INVALID', 'Only string, integer and number options can autocomplete.');
      chars += checkChoices(p, op, o, type);
      p.integer([...op, 'min_length'], o.min_length, { min: 0, max: 6000 });
      p.integer([...op, 'max_length'], o.max_length, { min: 1, max: 6000 });
    }
  });
  if (kinds.size > 1) p.add(path, 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Sub-commands and groups cannot be mixed with other options.');
  return chars;
}

/** Every rule one command definition breaks, with paths relative to `prefix` (e.g. [3] in a bulk PUT). */
export function checkCommand(body: unknown, prefix: Path = []): FieldProblem[] {
  const p = new ProblemList();
  const c = p.object(prefix, body, true);
  if (!c) return p.items;
  const type = c.type === undefined ? 1 : (p.integer([...prefix, 'type'], c.type, { min: 1, max: 4 }) ?? 1);
  if (type === 1) {
    checkChatInputName(p, [...prefix, 'name'], c.name);
    checkLocalizations(p, [...prefix, 'name_localizations'], c.name_localizations, (lp, v) => checkChatInputName(p, lp, v));
    p.string([...prefix, 'description'], c.description, { min: 1, max: 100, required: true });
    checkLocalizations(p, [...prefix, 'description_localizations'], c.description_localizations, (lp, v) => p.string(lp, v, { min: 1, max: 100 }));
    const chars = longest(c.name, c.name_localizations) + longest(c.description, c.description_localizations) + checkOptions(p, [...prefix, 'options'], c.options, 0);
    if (chars > MAX_COMMAND_CHARS) p.add(prefix, 'APPLICATION_COMMAND_TOO_LARGE', `Command exceeds maximum size (${MAX_COMMAND_CHARS})`);
  } else {
    p.string([...prefix, 'name'], c.name, { min: 1, max: 32, required: true });
    if (typeof c.description === 'string' && c.description !== '') p.add([...prefix, 'description'], 'BASE_TYPE_MAX_LENGTH', 'User and message commands must have an empty description.');
    if (c.options !== undefined && !(Array.isArray(c.options) && c.options.length === 0)) p.add([...prefix, 'options'], 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Only chat input commands have options.');
  }
  if (c.default_member_permissions !== undefined && c.default_member_permissions !== null && (typeof c.default_member_permissions !== 'string' || !/^\d+$/.test(c.default_member_permissions))) {
    p.add([...prefix, 'default_member_permissions'], 'BASE_TYPE_STRING', 'Must be a permission bitfield as a string.');
  }
  return p.items;
}

/** A bulk overwrite: each command valid, names unique per type, at most 100 chat input commands. */
export function checkCommandList(body: unknown): FieldProblem[] {
  if (!Array.isArray(body)) return [{ path: [], code: 'BASE_TYPE_LIST', message: 'Must be an array.' }];
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  let chatInput = 0;
  body.forEach((command, i) => {
    problems.push(...checkCommand(command, [i]));
    if (!isRecord(command)) return;
    const type = typeof command.type === 'number' ? command.type : 1;
    if (type === 1) chatInput += 1;
    const key = `${type}:${String(command.name)}`;
    if (seen.has(key)) problems.push({ path: [i, 'name'], code: 'APPLICATION_COMMANDS_DUPLICATE_NAME', message: `Application command names must be unique (${String(command.name)})` });
    seen.add(key);
  });
  if (chatInput > 100) problems.push({ path: [], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 100 or fewer in length.' });
  return problems;
}
