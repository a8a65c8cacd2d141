// The listing's gallery: without script the thumbnails are links to each photo, which the strip scrolls to. With it,
// a thumbnail scrolls the strip alone (the page stays where it is) and says which photo is shown.
document.addEventListener('DOMContentLoaded', () => {
  for (const gallery of document.querySelectorAll('[data-gallery]')) {
    const strip = gallery.querySelector('.gallery__slides');
    const thumbs = [...gallery.querySelectorAll('.gallery__thumbs a')];
    if (!strip || thumbs.length === 0) continue;
    const show = (link) => {
      for (const thumb of thumbs) thumb.setAttribute('aria-current', String(thumb === link));
    };
    for (const link of thumbs) {
      link.addEventListener('click', (event) => {
        const slide = document.getElementById(link.hash.slice(1));
        if (!slide) return;
        event.preventDefault();
        strip.scrollTo({ left: slide.offsetLeft - strip.offsetLeft, behavior: 'smooth' });
        show(link);
      });
    }
    strip.addEventListener('scroll', () => {
      const index = Math.round(strip.scrollLeft / strip.clientWidth);
      if (thumbs[index]) show(thumbs[index]);
    }, { passive: true });
    show(thumbs[0]);
  }
});
