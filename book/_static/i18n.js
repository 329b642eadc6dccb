// The language switch (book/_ext/gan_book_i18n.py) is a plain link to the same page in the
// other edition; this adds the section the reader is at, so the other edition opens there.
(() => {
  const follow = () => {
    for (const link of document.querySelectorAll("a.gan-language-switch")) {
      link.href = link.href.split("#")[0] + window.location.hash;
    }
  };
  document.addEventListener("DOMContentLoaded", follow);
  window.addEventListener("hashchange", follow);
})();
