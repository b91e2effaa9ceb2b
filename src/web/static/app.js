// Progressive enhancement only: htmx refreshes the events list and the review queue every 15 s
// (hx-trigger in the templates). This skips those refreshes while the tab is hidden, so a
// forgotten tab does not poll the server all night. Everything works without this file.
document.addEventListener('htmx:beforeRequest', function (event) {
  if (document.visibilityState === 'hidden' && event.detail.requestConfig && event.detail.requestConfig.verb === 'get') {
    event.preventDefault();
  }
});
