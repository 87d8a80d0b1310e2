// Runs before the first paint (a blocking script in index.html's head; the CSP allows same-origin scripts only,
// no inline ones): marks the page light or dark as the app will draw it (Mantine's ColorSchemeScript), so that
// a dark page never flashes white while the app loads. The key and values are those of main.tsx's
// colorSchemeManager: the user's choice ('light', 'dark', 'auto'), else the system setting.
(() => {
  try {
    const choice = window.localStorage.getItem('vmsp-color-scheme');
    const systemDark = window.matchMedia('(prefers-color-scheme: dark)').matches;
    const scheme = choice === 'light' || choice === 'dark' ? choice : systemDark ? 'dark' : 'light';
    document.documentElement.setAttribute('data-mantine-color-scheme', scheme);
  } catch {
    // Storage refused (e.g. disabled cookies): the app decides when it starts.
  }
})();
