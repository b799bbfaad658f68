import { Teardown } from './Teardown';

describe('Teardown', () => {
  it('runs every step once, last first, past a failing one, however often it is asked', async () => {
    const ran: string[] = [];
    const teardown = new Teardown();
    teardown.push(async () => ran.push('directory'));
    teardown.push(async () => {
      ran.push('cluster');
      throw new Error('already stopped');
    });
    teardown.push(async () => ran.push('backend'));
    const error = jest.spyOn(console, 'error').mockImplementation(() => {});
    await Promise.all([teardown.run(), teardown.run()]);
    await teardown.run();
    expect(ran).toEqual(['backend', 'cluster', 'directory']);
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });
});
