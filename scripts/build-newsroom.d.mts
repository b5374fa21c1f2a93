export interface NewsroomManifest {
  entries: { 'main.js': string; 'main.css': string };
  files: string[];
}

export declare const defaultOutDir: string;
export declare function buildNewsroom(options?: { outDir?: string; isDev?: boolean }): Promise<NewsroomManifest>;
