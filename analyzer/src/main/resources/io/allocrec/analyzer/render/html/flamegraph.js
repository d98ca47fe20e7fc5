// allocrec's flame graph: one canvas, drawn from a trie in preorder (frame-name index, depth and
// sampled bytes per node), so a profile of hundreds of thousands of nodes costs three arrays and
// no DOM nodes. Frames narrower than MIN_WIDTH pixels are skipped with their whole subtree, which
// bounds the work per drawing by the canvas size, not the profile size.
(function () {
  'use strict';

  var ROW = 18;
  var MIN_WIDTH = 0.4;
  var KINDS = ['application method', 'JDK method', 'allocated class', 'scope name', 'no stack trace'];
  var MATCH = '#c23bd4';
  var numbers = new Intl.NumberFormat('en-US');

  var source = document.getElementById('flame-data');
  if (!source) {
    return;
  }
  var data = JSON.parse(source.textContent);
  var diff = data.mode === 'diff';
  var canvas = document.getElementById('flame-canvas');
  var box = canvas.parentNode;
  var tip = document.getElementById('flame-tip');
  var select = document.getElementById('flame-scope');
  var search = document.getElementById('flame-search');
  var reset = document.getElementById('flame-reset');
  var matchLine = document.getElementById('flame-match');
  var crumbs = document.getElementById('flame-crumbs');
  var stats = document.getElementById('flame-stats');
  var ctx = canvas.getContext('2d');

  var prepared = {};
  var scope = null;  // the scope's data, from the page
  var tree = null;   // its layout: parent, subtree end and x offset per node
  var zoom = 0;
  var nameMatches = null;
  var drawn = { node: [], x: [], w: [], depth: [] };
  var colours = [];

  function bytes(n) {
    return numbers.format(Math.round(n)) + ' B';
  }

  function percent(part, whole) {
    return whole > 0 ? (100 * part / whole).toFixed(part === whole ? 0 : 1) + '%' : '-';
  }

  // The preorder arrays give each node's parent and the end of its subtree; the page sums the
  // nodes' own bytes into totals (bytes, and base for a diff) and places each node after its
  // elder siblings.
  function layout(s) {
    var n = s.frame.length;
    var parent = new Int32Array(n);
    var end = new Int32Array(n);
    var x = new Float64Array(n);
    var next = new Float64Array(n);
    var path = [];
    var maxDepth = 0;
    for (var i = 0; i < n; i++) {
      var d = s.depth[i];
      while (path.length > d) {
        end[path.pop()] = i;
      }
      parent[i] = d > 0 ? path[d - 1] : -1;
      path.push(i);
      maxDepth = Math.max(maxDepth, d);
    }
    while (path.length) {
      end[path.pop()] = n;
    }
    s.bytes = totals(diff ? s['new'] : s.self, parent);
    if (diff) {
      s.base = totals(s.base, parent);
    }
    for (var k = 0; k < n; k++) {
      x[k] = parent[k] < 0 ? 0 : next[parent[k]];
      if (parent[k] >= 0) {
        next[parent[k]] += s.bytes[k];
      }
      next[k] = x[k];
    }
    return { parent: parent, end: end, x: x, maxDepth: maxDepth };
  }

  function totals(self, parent) {
    var total = Float64Array.from(self);
    for (var i = total.length - 1; i > 0; i--) {
      total[parent[i]] += total[i];
    }
    return total;
  }

  function sum(values) {
    var total = 0;
    for (var i = 0; i < values.length; i++) {
      total += values[i];
    }
    return total;
  }

  function hash(text) {
    var h = 2166136261;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 16777619);
    }
    return (h >>> 0) / 4294967296;
  }

  // Application frames warm, JDK frames green-grey, allocated classes blue: as in async-profiler's
  // allocation graphs, the eye goes to the warm frames, the code the reader can change.
  function frameColour(f) {
    if (colours[f] === undefined) {
      var v = hash(data.names[f]);
      switch (data.kinds[f]) {
        case 0: colours[f] = 'hsl(' + (18 + 26 * v).toFixed(0) + ',88%,' + (60 + 8 * v).toFixed(0) + '%)'; break;
        case 1: colours[f] = 'hsl(' + (95 + 45 * v).toFixed(0) + ',32%,' + (64 + 9 * v).toFixed(0) + '%)'; break;
        case 2: colours[f] = 'hsl(' + (196 + 22 * v).toFixed(0) + ',70%,' + (62 + 8 * v).toFixed(0) + '%)'; break;
        case 3: colours[f] = '#9aa3b5'; break;
        default: colours[f] = '#c9ced8';
      }
    }
    return colours[f];
  }

  function shareChange(i) {
    var newShare = scope.bytes[0] > 0 ? scope.bytes[i] / scope.bytes[0] : 0;
    var baseShare = scope.base[0] > 0 ? scope.base[i] / scope.base[0] : 0;
    return newShare - baseShare;
  }

  // Red where the frame's share of the scope grew, blue where it shrank; full colour at
  // scope.scale (the largest change in this scope, at least 5 percentage points).
  function diffIntensity(i) {
    return Math.min(1, Math.abs(shareChange(i)) / scope.scale);
  }

  function diffColour(i) {
    var t = diffIntensity(i);
    if (t < 0.02) {
      return '#e9eaee';
    }
    var hue = shareChange(i) > 0 ? 0 : 220;
    return 'hsl(' + hue + ',' + (60 + 18 * t).toFixed(0) + '%,' + (93 - 45 * t).toFixed(0) + '%)';
  }

  // Without its package: Class.method for a method, Class for an allocated class. The class is
  // the first part that starts with a capital, so a hidden class's dotted suffix stays with it.
  function shortName(f) {
    var name = data.names[f];
    var kind = data.kinds[f];
    if (kind !== 0 && kind !== 1 && kind !== 2) {
      return name;
    }
    var parts = name.split('.');
    for (var k = 0; k < parts.length - 1; k++) {
      if (/^[A-Z]/.test(parts[k])) {
        return parts.slice(k).join('.');
      }
    }
    var keep = kind === 2 ? 1 : 2;
    return parts.length > keep ? parts.slice(-keep).join('.') : name;
  }

  function label(f, width, charWidth) {
    var name = data.names[f];
    var fits = Math.floor((width - 6) / charWidth);
    if (fits < 3) {
      return '';
    }
    if (name.length <= fits) {
      return name;
    }
    var short = shortName(f);
    if (short.length <= fits) {
      return short;
    }
    return short.substring(0, fits - 1) + '\u2026';
  }

  function choose(index) {
    scope = data.scopes[index];
    if (!prepared[index]) {
      prepared[index] = layout(scope);
      if (diff) {
        var largest = 0.05;
        for (var i = 0; i < scope.frame.length; i++) {
          largest = Math.max(largest, Math.abs(shareChange(i)));
        }
        scope.scale = largest;
      }
    }
    tree = prepared[index];
    zoom = 0;
    applySearch();
  }

  function draw() {
    var width = Math.max(200, box.clientWidth - 12);
    var height = (tree.maxDepth + 1) * ROW;
    var ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.height = height + 'px';
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.font = '12px system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif';
    ctx.textBaseline = 'middle';
    var charWidth = ctx.measureText('abcdefghijklmnopqrstuvwxyzABCDEFGH.').width / 35;
    drawn = { node: [], x: [], w: [], depth: [] };
    var total = scope.bytes[zoom];
    if (total > 0) {
      var scale = width / total;
      var left = tree.x[zoom];
      for (var a = tree.parent[zoom]; a >= 0; a = tree.parent[a]) {
        frame(a, 0, width, height, charWidth, true);
      }
      for (var i = zoom; i < tree.end[zoom];) {
        var w = scope.bytes[i] * scale;
        if (w < MIN_WIDTH) {
          i = tree.end[i];
          continue;
        }
        frame(i, (tree.x[i] - left) * scale, w, height, charWidth, false);
        i++;
      }
    } else {
      ctx.fillStyle = '#5d6678';
      ctx.fillText(diff ? 'No samples of this scope name on the new side.' : 'No samples of this scope name.', 8, ROW / 2);
    }
    canvas.setAttribute('data-scope', scope.name);
    canvas.setAttribute('data-zoom', data.names[scope.frame[zoom]]);
    canvas.setAttribute('data-drawn', String(drawn.node.length));
    reset.disabled = zoom === 0;
    showCrumbs();
    showStats();
  }

  function frame(i, x, w, height, charWidth, outside) {
    var depth = scope.depth[i];
    var y = height - (depth + 1) * ROW;
    var f = scope.frame[i];
    var matched = nameMatches && nameMatches[f];
    ctx.globalAlpha = outside ? 0.55 : 1;
    ctx.fillStyle = matched ? MATCH : (diff ? diffColour(i) : frameColour(f));
    ctx.fillRect(x, y, Math.max(w - (w > 3 ? 1 : 0), 0.5), ROW - 1);
    if (w > 24) {
      var text = label(f, w, charWidth);
      if (text) {
        ctx.fillStyle = matched || (diff && diffIntensity(i) > 0.6) ? '#fff' : '#1d2330';
        ctx.fillText(text, x + 3, y + ROW / 2);
      }
    }
    ctx.globalAlpha = 1;
    drawn.node.push(i);
    drawn.x.push(x);
    drawn.w.push(w);
    drawn.depth.push(depth);
  }

  function showCrumbs() {
    crumbs.textContent = '';
    var path = [];
    for (var a = zoom; a >= 0; a = tree.parent[a]) {
      path.unshift(a);
    }
    path.forEach(function (node, k) {
      if (k > 0) {
        crumbs.appendChild(document.createTextNode(' \u203a '));
      }
      var name = shortName(scope.frame[node]);
      var part;
      if (node === zoom) {
        part = document.createElement('span');
        part.className = 'here';
      } else {
        part = document.createElement('a');
        part.addEventListener('click', function () { zoomTo(node); });
      }
      part.textContent = name;
      part.title = data.names[scope.frame[node]];
      crumbs.appendChild(part);
    });
    if (zoom === 0) {
      crumbs.appendChild(document.createTextNode('  (click a frame to zoom into it)'));
    }
  }

  function showStats() {
    var total = scope.bytes[0];
    var text = diff
      ? 'New side: ' + bytes(total) + ' sampled; base side: ' + bytes(scope.base[0]) + ' sampled.'
      : bytes(total) + ' sampled in this scope name (nested scopes excluded).';
    if (zoom > 0) {
      text += ' Zoomed frame: ' + bytes(scope.bytes[zoom]) + ', ' + percent(scope.bytes[zoom], total) + ' of the scope.';
    }
    stats.textContent = text;
  }

  function zoomTo(node) {
    zoom = node;
    hideTip();
    draw();
  }

  // A search is a case-insensitive substring, or a regular expression between slashes.
  function matcher(text) {
    if (text.length > 2 && text.charAt(0) === '/' && text.charAt(text.length - 1) === '/') {
      try {
        var re = new RegExp(text.substring(1, text.length - 1), 'i');
        return function (name) { return re.test(name); };
      } catch (e) {
        return null;
      }
    }
    var lower = text.toLowerCase();
    return function (name) { return name.toLowerCase().indexOf(lower) >= 0; };
  }

  function applySearch() {
    var text = search.value.trim();
    var test = text ? matcher(text) : null;
    nameMatches = null;
    matchLine.className = 'match';
    if (text && !test) {
      matchLine.textContent = 'Not a valid regular expression.';
    } else if (test) {
      nameMatches = new Uint8Array(data.names.length);
      data.names.forEach(function (name, f) { nameMatches[f] = test(name) ? 1 : 0; });
      // Each matched stack counted once: below a match, further matches are inside it.
      var matched = 0;
      var coveredUntil = 0;
      for (var i = 0; i < scope.frame.length; i++) {
        if (i >= coveredUntil && nameMatches[scope.frame[i]]) {
          matched += scope.bytes[i];
          coveredUntil = tree.end[i];
        }
      }
      var share = scope.bytes[0] > 0 ? matched / scope.bytes[0] : 0;
      matchLine.className = matched > 0 ? 'match hit' : 'match';
      matchLine.textContent = 'Matched: ' + bytes(matched) + ' sampled, ' + percent(matched, scope.bytes[0])
        + ' of \u201c' + scope.name + '\u201d' + (diff ? ' (new side)' : '');
      matchLine.setAttribute('data-share', share.toFixed(6));
    } else {
      matchLine.textContent = '';
      matchLine.removeAttribute('data-share');
    }
    draw();
  }

  function nodeAt(event) {
    var rect = canvas.getBoundingClientRect();
    var x = event.clientX - rect.left;
    var height = (tree.maxDepth + 1) * ROW;
    var depth = Math.floor((height - (event.clientY - rect.top)) / ROW);
    for (var k = 0; k < drawn.node.length; k++) {
      if (drawn.depth[k] === depth && x >= drawn.x[k] && x < drawn.x[k] + Math.max(drawn.w[k], 1)) {
        return drawn.node[k];
      }
    }
    return -1;
  }

  function line(parent, className, text) {
    var div = document.createElement('div');
    if (className) {
      div.className = className;
    }
    div.textContent = text;
    parent.appendChild(div);
  }

  function showTip(node, event) {
    var f = scope.frame[node];
    tip.textContent = '';
    line(tip, 'full', data.names[f]);
    line(tip, 'kind', KINDS[data.kinds[f]] + (node > 0 ? ', depth ' + scope.depth[node] : ''));
    if (diff) {
      line(tip, null, 'New: ' + bytes(scope.bytes[node]) + ' sampled, ' + percent(scope.bytes[node], scope.bytes[0])
        + ' of the scope');
      line(tip, null, 'Base: ' + bytes(scope.base[node]) + ' sampled, ' + percent(scope.base[node], scope.base[0])
        + ' of the scope');
      var pp = 100 * shareChange(node);
      line(tip, null, 'Change in share: ' + (pp >= 0 ? '+' : '') + pp.toFixed(1) + ' percentage points');
    } else {
      line(tip, null, bytes(scope.bytes[node]) + ' sampled, ' + percent(scope.bytes[node], scope.bytes[0])
        + ' of \u201c' + scope.name + '\u201d');
    }
    tip.style.display = 'block';
    var boxRect = box.getBoundingClientRect();
    var left = event.clientX - boxRect.left + 14;
    var top = event.clientY - boxRect.top + 16;
    if (left + tip.offsetWidth > box.clientWidth) {
      left = Math.max(0, event.clientX - boxRect.left - tip.offsetWidth - 14);
    }
    if (top + tip.offsetHeight > box.clientHeight) {
      top = Math.max(0, event.clientY - boxRect.top - tip.offsetHeight - 12);
    }
    tip.style.left = left + 'px';
    tip.style.top = top + 'px';
  }

  function hideTip() {
    tip.style.display = 'none';
  }

  canvas.addEventListener('mousemove', function (event) {
    var node = nodeAt(event);
    if (node < 0) {
      hideTip();
    } else {
      showTip(node, event);
    }
  });
  canvas.addEventListener('mouseleave', hideTip);
  canvas.addEventListener('click', function (event) {
    var node = nodeAt(event);
    if (node >= 0) {
      zoomTo(node);
    }
  });
  reset.addEventListener('click', function () { zoomTo(0); });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && document.activeElement !== search) {
      zoomTo(0);
    }
  });
  select.addEventListener('change', function () { choose(Number(select.value)); });
  var pending = 0;
  search.addEventListener('input', function () {
    clearTimeout(pending);
    pending = setTimeout(applySearch, 120);
  });
  search.addEventListener('keydown', function (event) {
    if (event.key === 'Enter') {
      clearTimeout(pending);
      applySearch();
    }
  });
  var resizing = 0;
  window.addEventListener('resize', function () {
    clearTimeout(resizing);
    resizing = setTimeout(draw, 100);
  });
  Array.prototype.forEach.call(document.querySelectorAll('a[data-flame]'), function (link) {
    link.addEventListener('click', function () {
      var index = data.scopes.findIndex(function (s) { return s.name === link.getAttribute('data-flame'); });
      if (index >= 0) {
        select.value = String(index);
        choose(index);
      }
    });
  });

  // For the console and the browser test: where a drawn frame is, in CSS pixels of the canvas.
  window.allocrecFlame = {
    rectOf: function (name) {
      var height = (tree.maxDepth + 1) * ROW;
      for (var k = 0; k < drawn.node.length; k++) {
        var i = drawn.node[k];
        if (data.names[scope.frame[i]] === name) {
          return { x: drawn.x[k], y: height - (drawn.depth[k] + 1) * ROW, width: drawn.w[k], height: ROW - 1,
            canvasWidth: Math.max(200, box.clientWidth - 12) };
        }
      }
      return null;
    },
    drawnNames: function () {
      return drawn.node.map(function (i) { return data.names[scope.frame[i]]; });
    }
  };

  data.scopes.forEach(function (s, i) {
    var option = document.createElement('option');
    option.value = String(i);
    option.textContent = s.name + '  \u2014  ' + (diff
      ? bytes(sum(s['new'])) + ' new, ' + bytes(sum(s.base)) + ' base'
      : bytes(sum(s.self)) + ' sampled');
    select.appendChild(option);
  });
  choose(0);
  document.body.setAttribute('data-flame-ready', String(Math.round(performance.now())));
})();
