// A local module shared by the project's handlers.
import escapeHtml from 'escape-html';

export const renderGreeting = ({ name, greeting }) => `<p>${escapeHtml(greeting)}, ${escapeHtml(name)}!</p>`;
