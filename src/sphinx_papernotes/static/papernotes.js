// sphinx-papernotes: the copy button of a note's BibTeX block.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.pn-copy");
  if (!button) return;
  const block = button.closest("details.pn-bibtex");
  const pre = block && block.querySelector("pre");
  if (!pre || !navigator.clipboard) return;
  navigator.clipboard.writeText(pre.textContent).then(() => {
    const label = button.textContent;
    button.textContent = button.dataset.pnCopied || "Copied";
    setTimeout(() => { button.textContent = label; }, 1500);
  });
});
