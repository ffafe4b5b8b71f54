/** Text with `code` spans for places that cannot show markup (tooltips, placeholders, options). */
export const plainText = (text: string): string => text.replace(/`([^`]*)`/g, '$1')
