/**
 * Preloaded into a portal process (`node --import`) by the invoices journey: every clock of the process, the
 * portal's and its embedded database's (PGlite reads Date.now()), runs VMSP_CLOCK_SHIFT_MS off the real one.
 * The journey subscribes its customers with the clock set back into last month, so that `vmsp month-end --at`
 * at the start of this month, an instant that has passed, invoices a whole month.
 */
const shift = Number(process.env.VMSP_CLOCK_SHIFT_MS ?? '0');

if (shift !== 0) {
  const RealDate = globalThis.Date;
  const now = () => RealDate.now() + shift;
  globalThis.Date = new Proxy(RealDate, {
    // `new Date()` is the shifted now; a Date of a given instant stays that instant.
    construct: (target, args, newTarget) =>
      Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget),
    // `Date()` called as a function gives the current time as text.
    apply: () => new RealDate(now()).toString(),
    get: (target, property, receiver) => (property === 'now' ? now : Reflect.get(target, property, receiver)),
  });
}
