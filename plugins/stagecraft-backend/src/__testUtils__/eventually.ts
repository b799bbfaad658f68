// One helper for every package's tests (30 s deadline, polled every 100 ms).
export { eventually } from '@stagecraft/test-cluster';
