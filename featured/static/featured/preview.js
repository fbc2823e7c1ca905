// Grow the preview frame to the height of what it shows (no inline handler: the CSP forbids it).
document.querySelectorAll("iframe.featured-preview-frame").forEach((frame) => {
  const fit = () => {
    frame.style.height = frame.contentDocument.documentElement.scrollHeight + 4 + "px";
  };
  frame.addEventListener("load", fit);
  if (frame.contentDocument && frame.contentDocument.readyState === "complete") fit();
});
