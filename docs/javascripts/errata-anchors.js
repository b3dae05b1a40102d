// The errata used to live on the conventions page (conventions/#erratum-16). They now have a
// section of their own, one page per chapter; follow an old link to the entry it meant.
(() => {
  const hash = window.location.hash;
  if (!hash.startsWith("#erratum-") || document.getElementById(hash.slice(1))) return;
  const path = window.location.pathname;
  if (path.endsWith("/conventions/")) {
    window.location.replace(path.replace(/conventions\/$/, "errata/") + hash);
  } else if (path.endsWith("/errata/")) {
    const link = document.querySelector(`.md-content table a[href$="${hash}"]`);
    if (link) window.location.replace(link.href);
  }
})();
