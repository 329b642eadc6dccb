// A long identifier in the right-hand "Contents" (`gan_tutorial.streams.GeneratorDistribution`)
// may break only where a reader would: after a dot or an underscore, or before a capital that
// starts a word. custom.css breaks inside a word only if a piece is still wider than the column.
(() => {
  const breakable = /(?<=[._])|(?<=[a-z])(?=[A-Z])/;
  const addBreaks = () => {
    for (const code of document.querySelectorAll(".bd-sidebar-secondary .toc-entry code")) {
      const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
      const texts = [];
      while (walker.nextNode()) texts.push(walker.currentNode);
      for (const text of texts) {
        const pieces = text.textContent.split(breakable);
        if (pieces.length < 2) continue;
        const parts = pieces.flatMap((piece, i) =>
          i ? [document.createElement("wbr"), document.createTextNode(piece)]
            : [document.createTextNode(piece)]);
        text.replaceWith(...parts);
      }
    }
  };
  document.addEventListener("DOMContentLoaded", addBreaks);
})();
