// The clipboard's language from cheap cues: each common language is recognised, prose and tiny snippets are not.
import { describe, expect, it } from 'vitest';
import { detectLanguage, guessLanguage } from '../../main/intent/language-detect.js';

const SNIPPETS: ReadonlyArray<readonly [string, string]> = [
  ['typescript', 'interface User { id: number; name: string }\nexport function greet(user: User): string {\n  return `hi ${user.name}`;\n}'],
  ['javascript', "const express = require('express');\nconst app = express();\napp.get('/', (req, res) => res.send('ok'));\nmodule.exports = app;"],
  ['python', 'import os\n\nclass Loader:\n    def __init__(self, path):\n        self.path = path\n\n    def read(self):\n        if not os.path.exists(self.path):\n            return None\n        return open(self.path).read()\n'],
  ['go', 'package main\n\nimport "fmt"\n\nfunc main() {\n\tx := 3\n\tfmt.Println(x)\n}'],
  ['rust', 'use std::collections::HashMap;\n\nfn main() {\n    let mut m = HashMap::new();\n    m.insert("a", 1);\n    println!("{:?}", m);\n}'],
  ['java', 'public class Main {\n    public static void main(String[] args) {\n        System.out.println("hi");\n    }\n}'],
  ['kotlin', 'data class User(val id: Int, val name: String)\n\nfun greet(user: User): String {\n    return "hi ${user.name}"\n}'],
  ['csharp', 'using System;\n\nnamespace App\n{\n    public class User\n    {\n        public string Name { get; set; }\n    }\n}'],
  ['cpp', '#include <iostream>\n#include <vector>\n\nint main() {\n    std::vector<int> v{1, 2};\n    std::cout << v.size() << std::endl;\n}'],
  ['c', '#include <stdio.h>\n#include <stdlib.h>\n\nint main(void) {\n    char *p = malloc(10);\n    printf("%p\\n", p);\n    free(p);\n    return 0;\n}'],
  ['sql', 'SELECT u.id, COUNT(o.id) AS orders\nFROM users u\nLEFT JOIN orders o ON o.user_id = u.id\nGROUP BY u.id;'],
  ['bash', '#!/usr/bin/env bash\nset -euo pipefail\nfor f in *.log; do\n  gzip "$f"\ndone'],
  ['powershell', 'Get-ChildItem -Path C:\\logs | Where-Object { $_.Length -gt 1MB } | Remove-Item'],
  ['ruby', "require 'json'\n\nclass User\n  attr_accessor :name\n  def greet\n    puts \"hi #{name}\"\n  end\nend"],
  ['php', '<?php\nfunction greet($name) {\n    echo "hi $name";\n}'],
  ['swift', 'import SwiftUI\n\nstruct ContentView: View {\n    var body: some View {\n        Text("hi")\n    }\n}'],
  ['html', '<!DOCTYPE html>\n<html>\n<body>\n<div class="app"></div>\n</body>\n</html>'],
  ['css', '.button {\n  padding: 4px 8px;\n  color: #333;\n}\n@media (max-width: 600px) {\n  .button { display: none; }\n}'],
  ['json', '{"name": "app", "version": "1.0.0", "private": true}'],
  ['yaml', 'name: build\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4'],
];

describe('detectLanguage', () => {
  it.each(SNIPPETS)('recognises %s', (language, code) => {
    expect(detectLanguage(code)).toBe(language);
  });

  it('says nothing for prose, empty text or a lone word', () => {
    expect(detectLanguage('Meeting moved to Thursday at three, bring the slides.')).toBeUndefined();
    expect(detectLanguage('')).toBeUndefined();
    expect(detectLanguage('hello')).toBeUndefined();
  });

  it('puts the winner clearly ahead of the runner-up for typical snippets', () => {
    for (const [, code] of SNIPPETS) expect(guessLanguage(code)?.confidence).toBeGreaterThan(0.6);
  });

  it('reads only the start of a very large clipboard', () => {
    const big = `${SNIPPETS.find(([l]) => l === 'python')?.[1] ?? ''}${'x = 1\n'.repeat(200_000)}`;
    expect(detectLanguage(big)).toBe('python');
  });
});
