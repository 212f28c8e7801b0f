// Short messages to the user outside the windows (Electron: Notification; silent).
export interface NotificationService {
  show(message: { title: string; body: string }): void;
}
