// Previews of the photos chosen in a file input, before they are uploaded. Only an enhancement: without script the
// form uploads the same files, and the page shows them once the Api has them.
(() => {
  for (const input of document.querySelectorAll('input[type=file][data-previews]')) {
    const target = document.getElementById(input.dataset.previews);
    if (!target) continue;
    let urls = [];
    input.addEventListener('change', () => {
      urls.forEach(URL.revokeObjectURL);
      urls = [];
      target.replaceChildren();
      for (const file of input.files) {
        if (!file.type.startsWith('image/')) continue;
        const url = URL.createObjectURL(file);
        urls.push(url);
        const img = document.createElement('img');
        img.src = url;
        img.alt = 'Preview of ' + file.name;
        target.append(img);
      }
      target.hidden = urls.length === 0;
    });
  }
})();
