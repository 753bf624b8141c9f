// scripts/lib/peer-address-hook.mjs exports nothing: importing it patches node:http for the whole process.
export {};
