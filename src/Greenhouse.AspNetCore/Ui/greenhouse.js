// Greenhouse's web UI needs no script to work; this only adds Ctrl+Enter (Cmd+Enter) to run the explorer's query.
document.addEventListener("keydown", (event) => {
  const target = event.target;
  if ((event.ctrlKey || event.metaKey) && event.key === "Enter" && target instanceof HTMLTextAreaElement && target.hasAttribute("data-run-on-ctrl-enter")) {
    event.preventDefault();
    target.form.requestSubmit();
  }
});
