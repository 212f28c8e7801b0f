// electron-builder afterPack hook: flips Electron's fuses in the packed binary before signing (CONVENTIONS.md "Electron security").
// RunAsNode off (ELECTRON_RUN_AS_NODE cannot turn the app into a Node shell), cookies encrypted, ASAR integrity checked,
// the app loaded only from its ASAR, no NODE_OPTIONS or --inspect, no extra file:// privileges (we serve vcg://app).
'use strict';
const path = require('node:path');

/** The fuse settings by name; the hook maps them onto @electron/fuses' FuseV1Options. */
const FUSES = Object.freeze({
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  LoadBrowserProcessSpecificV8Snapshot: false,
  GrantFileProtocolExtraPrivileges: false,
});

/** Path of the Electron executable electron-builder produced for this platform. */
function executablePath(context) {
  const platform = context.electronPlatformName;
  const { productFilename } = context.packager.appInfo;
  if (platform === 'darwin' || platform === 'mas') return path.join(context.appOutDir, `${productFilename}.app`);
  if (platform === 'win32') return path.join(context.appOutDir, `${productFilename}.exe`);
  return path.join(context.appOutDir, context.packager.executableName);
}

async function afterPack(context) {
  const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');
  const config = { version: FuseVersion.V1, strictlyRequireAllFuses: true };
  for (const [name, value] of Object.entries(FUSES)) config[FuseV1Options[name]] = value;
  // arm64 macOS refuses to run a binary whose ad-hoc signature no longer matches; real signing happens after this hook.
  config.resetAdHocDarwinSignature = context.electronPlatformName === 'darwin' && context.arch === 3;
  await flipFuses(executablePath(context), config);
}

module.exports = { default: afterPack, afterPack, FUSES, executablePath };
