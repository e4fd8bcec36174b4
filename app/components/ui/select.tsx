import * as RadixSelect from '@radix-ui/react-select';
import { useCspNonce } from '../../lib/csp-nonce.tsx';

export interface SelectOption {
  value: string;
  label: string;
  /** The label's own language when it is not the page's (a language named in itself). */
  lang?: string;
}

interface SelectProps {
  options: SelectOption[];
  value?: string;
  defaultValue?: string;
  onValueChange?(value: string): void;
  name?: string;
  id?: string;
  disabled?: boolean;
  'aria-label'?: string;
  testId?: string;
}

/** A styled single-choice select; with `name` it also submits in a form. */
export function Select({ options, testId, ...props }: SelectProps) {
  const { 'aria-label': ariaLabel, id, ...root } = props;
  const nonce = useCspNonce();
  return (
    <RadixSelect.Root {...root}>
      <RadixSelect.Trigger
        className="select-trigger"
        aria-label={ariaLabel}
        id={id}
        data-testid={testId}
      >
        <RadixSelect.Value />
        <RadixSelect.Icon className="select-icon" aria-hidden>
          ▾
        </RadixSelect.Icon>
      </RadixSelect.Trigger>
      <RadixSelect.Portal>
        <RadixSelect.Content className="select-content" position="popper" sideOffset={4}>
          {/* The viewport's own <style> (hidden scrollbars) needs the page's CSP nonce. */}
          <RadixSelect.Viewport nonce={nonce}>
            {options.map((option) => (
              <RadixSelect.Item key={option.value} value={option.value} className="select-item">
                <RadixSelect.ItemText>
                  {option.lang ? <span lang={option.lang}>{option.label}</span> : option.label}
                </RadixSelect.ItemText>
                <RadixSelect.ItemIndicator className="select-check" aria-hidden>
                  ✓
                </RadixSelect.ItemIndicator>
              </RadixSelect.Item>
            ))}
          </RadixSelect.Viewport>
        </RadixSelect.Content>
      </RadixSelect.Portal>
    </RadixSelect.Root>
  );
}
