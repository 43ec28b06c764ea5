"""What the browser tests measure to prove right-to-left layout, shared by every suite.

``MEASURE`` is evaluated with a CSS selector: for each matching text block, its dir and lang
attributes, computed direction, alignment and unicode-bidi, its content box (inside padding
and border), the box of its first word (a Range over the first run of non-space characters)
and its whole text. An RTL block's first word must end at the content box's right edge and an
LTR block's first word must start at its left edge, within TOLERANCE_PX.
"""

from __future__ import annotations

import re

TOLERANCE_PX = 4
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")  # reshaped text: never for a browser

MEASURE = r"""
(selector) => [...document.querySelectorAll(selector)].map(el => {
  const cs = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const left = box.left + parseFloat(cs.paddingLeft) + parseFloat(cs.borderLeftWidth);
  const right = box.right - parseFloat(cs.paddingRight) - parseFloat(cs.borderRightWidth);
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let node, word = null;
  while ((node = walker.nextNode())) {
    const m = /\S+/.exec(node.data);
    if (m) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const r = range.getBoundingClientRect();
      word = {text: m[0], left: r.left, right: r.right};
      break;
    }
  }
  return {tag: el.tagName, dir: el.getAttribute('dir'), lang: el.getAttribute('lang'),
          direction: cs.direction, align: cs.textAlign, bidi: cs.unicodeBidi, left, right, word,
          text: el.textContent, col: el.parentElement ? el.parentElement.getAttribute('data-col') : null};
})
"""
