/* Draw each map on tiles with the vendored Leaflet, when the site configures a tile source
   (MULTILANG_MAP_TILES: the figure then carries data-tiles, data-attribution, data-max-zoom,
   data-bounds). The SVG's links are the data: every point becomes a marker whose popup links
   to the same page; the SVG stays for readers whose browser cannot load the tiles. Loaded only
   on pages with a map, and only when tiles are configured; no inline script, no other origin. */
(function () {
  'use strict';
  if (!window.L) return;

  function text(value) {
    // Leaflet writes the attribution as HTML: escape what the setting says.
    var span = document.createElement('span');
    span.textContent = value;
    return span.innerHTML;
  }

  function attribution(figure) {
    var credit = text(figure.dataset.attribution || '');
    var url = figure.dataset.attributionUrl;
    if (url && /^https?:\/\//.test(url)) {
      return '<a href="' + text(url) + '" rel="external">' + credit + '</a>';
    }
    return credit;
  }

  function popup(link) {
    var a = document.createElement('a');
    a.href = link.getAttribute('href');
    a.textContent = link.getAttribute('aria-label');
    return a;
  }

  function draw(figure) {
    var svg = figure.querySelector('.map-svg');
    var box = (figure.dataset.bounds || '').split(',').map(Number);
    if (!svg || box.length !== 4) return;
    var holder = document.createElement('div');
    holder.className = 'map-tiles';
    figure.insertBefore(holder, svg);
    var map = L.map(holder, {scrollWheelZoom: false, attributionControl: false});
    L.control.attribution({prefix: false}).addTo(map);
    L.tileLayer(figure.dataset.tiles, {
      maxZoom: Number(figure.dataset.maxZoom) || 18,
      attribution: attribution(figure)
    }).addTo(map);
    var points = [];
    svg.querySelectorAll('a.map-point').forEach(function (link) {
      var at = [Number(link.dataset.lat), Number(link.dataset.lon)];
      var name = link.getAttribute('aria-label');
      L.marker(at, {title: name, alt: name, keyboard: true}).bindPopup(popup(link)).addTo(map);
      points.push(at);
    });
    if (figure.dataset.focus) {
      map.setView(figure.dataset.focus.split(',').map(Number), Math.min(13, map.getMaxZoom()));
    } else {
      map.fitBounds([[box[0], box[1]], [box[2], box[3]]]);
    }
    svg.style.display = 'none';
    figure.classList.add('has-tiles');
  }

  document.querySelectorAll('.map-figure[data-tiles]').forEach(draw);
})();
