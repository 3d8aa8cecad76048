/**
 * Preloaded (node --import) into the server child when it is profiled: `trayecto serve` never exits, and a
 * process killed by a signal does not write its --cpu-prof profile; exiting on SIGTERM does.
 */
process.on('SIGTERM', () => process.exit(0));
