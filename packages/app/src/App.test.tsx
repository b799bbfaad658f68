import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('starts and offers the guest sign-in', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Stagecraft test' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    expect(
      await screen.findByRole('button', { name: /enter/i }, { timeout: 10000 }),
    ).toBeInTheDocument();
  });
});
