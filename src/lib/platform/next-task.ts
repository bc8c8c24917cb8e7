// A new macrotask, without the 4 ms clamp nested timers get: messages already posted to this
// thread (a cancel, a page's query) are handled before it resolves, and a long job cut into
// slices lets the thread paint or answer between them.
export function nextTask(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
