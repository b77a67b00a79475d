import { msg } from '@lit/localize';
import type { DialogController } from '../ui/dialog-controller.js';

/** The yellow key's help: what the remote's keys do, on every screen. */
export function showHelp(dialogs: DialogController): void {
  void dialogs.open(
    msg('怎么用遥控器'),
    msg(
      '方向键选择，确认键打开，返回键回到上一级。红色键：紧急呼叫。绿色键：接听医生打来的视频电话。黄色键：随时打开这个帮助。',
    ),
    [{ label: msg('知道了'), value: 'ok', tone: 'primary' }],
  );
}

/** Back on Home: ask before leaving (Samsung requires it), then leave the way the platform wants. */
export async function confirmExit(dialogs: DialogController): Promise<void> {
  const answer = await dialogs.open(
    msg('要退出临医在家吗？'),
    msg('退出以后，医生打来的视频电话就接不到了。'),
    [
      { label: msg('不退出'), value: 'stay', tone: 'primary' },
      { label: msg('退出'), value: 'exit' },
    ],
  );
  if (answer !== 'exit') return;
  const platform = window as unknown as {
    tizen?: { application?: { getCurrentApplication(): { exit(): void } } };
    webOS?: { platformBack?: () => void };
  };
  if (platform.tizen?.application) platform.tizen.application.getCurrentApplication().exit();
  else if (platform.webOS?.platformBack) platform.webOS.platformBack();
  else window.close();
}
