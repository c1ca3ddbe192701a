import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** In development the API and Socket.IO run on the server's port (default 3000). */
const SERVER = 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': SERVER,
      '/socket.io': { target: SERVER, ws: true },
    },
  },
});
