// The spoken bench fixtures: 20 requests, each with its own identifying tone; 5 are revised by their final transcript.
import type { TranscriptScript } from '../../main/gemini-sim/index.js';

export interface SpokenFixture {
  spoken: string;
  script: TranscriptScript;
  revised: boolean;
}

const SAME: Array<[string, string[]]> = [
  ['write a function that reverses a string in python', ['write a function ', 'that reverses ', 'a string in python']],
  ['write a debounce function in typescript', ['write a debounce ', 'function in typescript']],
  ['write a regex that matches an email address', ['write a regex ', 'that matches ', 'an email address']],
  ['write a sql query that finds the ten newest users', ['write a sql query ', 'that finds the ten ', 'newest users']],
  ['write a bash script that backs up my home folder', ['write a bash script ', 'that backs up ', 'my home folder']],
  ['write a class for a bank account in java', ['write a class ', 'for a bank account ', 'in java']],
  ['write a function that merges two sorted lists in go', ['write a function ', 'that merges two ', 'sorted lists in go']],
  ['write tests for a stack class in python', ['write tests ', 'for a stack class ', 'in python']],
  ['write a function that parses a csv line in rust', ['write a function ', 'that parses ', 'a csv line in rust']],
  ['write a function that checks if a number is prime in javascript', ['write a function ', 'that checks if ', 'a number is prime ', 'in javascript']],
  ['write a function that flattens a nested array in typescript', ['write a function ', 'that flattens ', 'a nested array ', 'in typescript']],
  ['write a function that counts words in a file in python', ['write a function ', 'that counts words ', 'in a file in python']],
  ['write a binary search function in c', ['write a binary ', 'search function in c']],
  ['write a function that formats a date as iso in kotlin', ['write a function ', 'that formats a date ', 'as iso in kotlin']],
  ['write a function that retries a promise three times in typescript', ['write a function ', 'that retries a promise ', 'three times in typescript']],
];

const REVISED: Array<[string, string[]]> = [
  ['write a class that caches results in python', ['write a function ', 'that caches results ', 'in python']],
  ['write a regex that matches a phone number', ['write a function ', 'that matches ', 'a phone number']],
  ['write tests for a queue in go', ['write a function ', 'for a queue in go']],
  ['write a sql query that counts orders per day', ['write a function ', 'that counts orders ', 'per day']],
  ['write a shell script that lists large files', ['write a function ', 'that lists ', 'large files']],
];

export const SPOKEN_FIXTURES: SpokenFixture[] = [
  ...SAME.map(([spoken, partials], i) => ({ spoken, revised: false, script: { toneHz: 500 + 100 * i, partials, final: spoken } })),
  ...REVISED.map(([spoken, partials], i) => ({ spoken, revised: true, script: { toneHz: 2000 + 100 * i, partials, final: spoken } })),
];
